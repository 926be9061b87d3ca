// The Qt-free plot writer: PNG bytes checked by an independent reader (signature, CRCs, IHDR,
// inflated IDAT), data points found in the decoded pixels, log-axis ticks, the SVG of the same
// figure, and the bitmap font.
#include "bitmap_font.h"
#include "line_plot_image.h"
#include "png_encoder.h"
#include "png_reader.h"

#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>
#include <set>

using namespace owb::plot;
using owb::test::decode_png;

namespace {

const Rgb kRed{200, 30, 40};
const Rgb kGreen{20, 160, 60};

// Three points on log-x axes, red markers with error bars, and a green dashed line.
Figure three_point_figure(bool antialias = true) {
  Series points;
  points.label = "mean, 95% CI";
  points.x = {7e7, 4e8, 2e9};
  points.y = {30, 15, 8};
  points.y_low = {25, 13, std::nan("")};
  points.y_high = {35, 17, std::nan("")};
  points.color = kRed;
  points.line = false;
  points.marker = Marker::Circle;
  points.marker_radius_px = 6;
  Series line;
  line.label = "fit: y = 2 * x^{-0.4}, R^{2} = 0.99";
  line.x = {7e7, 2e9};
  line.y = {28, 9};
  line.color = kGreen;
  line.dashed = true;
  Panel panel;
  panel.title = "Structural damage";
  panel.x = {"total parameters", true, TickFormat::SiSuffix};
  panel.y = {"rank reduction", false, TickFormat::Auto};
  panel.series = {line, points};
  Figure f;
  f.title = "Scaling law";
  f.width_px = 700;
  f.height_px = 500;
  f.antialias = antialias;
  f.panels = {panel};
  return f;
}

std::pair<int, int> pixel_of(const PanelLayout& L, double x, double y) {
  return {static_cast<int>(std::floor(L.to_px_x(x))), static_cast<int>(std::floor(L.to_px_y(y)))};
}

bool is(const owb::test::DecodedPng::Pixel& p, Rgb c) { return p.r == c.r && p.g == c.g && p.b == c.b; }

}  // namespace

class LinePlotTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void checksumsMatchKnownValues() {
    const std::string digits = "123456789";
    QCOMPARE(crc32(reinterpret_cast<const uint8_t*>(digits.data()), digits.size()), 0xCBF43926u);
    QCOMPARE(owb::test::bitwise_crc32(digits), 0xCBF43926u);
    const std::string word = "Wikipedia";
    QCOMPARE(adler32(reinterpret_cast<const uint8_t*>(word.data()), word.size()), 0x11E60398u);
  }

  // 150 000 bytes need three stored blocks (65535 each at most).
  void storedZlibStreamRoundTrips() {
    std::string data(150000, '\0');
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 7 % 251);
    const std::string z = zlib_stored(data);
    QCOMPARE(z.size(), data.size() + 2 + 3 * 5 + 4);
    QCOMPARE(owb::test::inflate_stored(z), data);
    QCOMPARE(owb::test::inflate_stored(zlib_stored("")), std::string());
  }

  void pngOfKnownPixelsDecodesWithBothCompressions() {
    RasterImage image(3, 2);
    image.blend(0, 0, {255, 0, 0}, 1.0);
    image.blend(2, 1, {0, 0, 255}, 1.0);
    image.blend(1, 1, {0, 0, 0}, 0.5);
    for (PngCompression c : {PngCompression::Best, PngCompression::Stored}) {
      const auto png = decode_png(encode_png(image, c));
      QCOMPARE(png.width, 3);
      QCOMPARE(png.height, 2);
      QCOMPARE(png.chunks, std::vector<std::string>({"IHDR", "IDAT", "IEND"}));
      QCOMPARE(png.rgb, image.rgb);
      QVERIFY(is(png.at(0, 0), {255, 0, 0}));
      QVERIFY(is(png.at(1, 1), {128, 128, 128}));
      if (c == PngCompression::Stored) QVERIFY(png.stored_blocks);
    }
  }

  void corruptedChunkFailsItsCrc() {
    std::string png = encode_png(RasterImage(4, 4), PngCompression::Stored);
    png[20] ^= 0x01;  // inside IHDR's data
    try {
      decode_png(png);
      QFAIL("a corrupted IHDR decoded");
    } catch (const std::runtime_error& e) {
      QVERIFY2(std::string(e.what()).find("CRC mismatch in chunk IHDR") != std::string::npos, e.what());
    }
  }

  // Markers are painted last: the pixel under each data point has the marker colour.
  void markersSitOnTheirDataPoints() {
    const Figure f = three_point_figure();
    const auto png = decode_png(figure_png(f));
    QCOMPARE(png.width, 700);
    QCOMPARE(png.height, 500);
    const PanelLayout L = layout_figure(f).front();
    const Series& points = f.panels[0].series[1];
    for (size_t i = 0; i < points.x.size(); ++i) {
      const auto [x, y] = pixel_of(L, points.x[i], points.y[i]);
      QVERIFY2(is(png.at(x, y), kRed), qPrintable(QString("point %1 at (%2, %3)").arg(i).arg(x).arg(y)));
    }
    QVERIFY(is(png.at(1, 1), {255, 255, 255}));
  }

  // Above the first marker (radius 6), halfway to the CI's upper end (35), the bar is drawn.
  void errorBarsSpanTheInterval() {
    const Figure f = three_point_figure(false);  // aliased: the bar's pixels are exactly red
    const auto png = decode_png(figure_png(f));
    const PanelLayout L = layout_figure(f).front();
    const int x = static_cast<int>(std::floor(L.to_px_x(7e7)));
    const double top = L.to_px_y(35), marker_top = L.to_px_y(30) - 6;
    QVERIFY(top < marker_top - 4);
    QVERIFY(is(png.at(x, static_cast<int>(std::floor((top + marker_top) / 2))), kRed));
    // The third point has no interval (NaN): nothing red just above its marker.
    const auto [x3, y3] = pixel_of(L, 2e9, 8);
    QVERIFY(!is(png.at(x3, y3 - 12), kRed));
  }

  void dataRangeFitsInsideThePlotArea() {
    const PanelLayout L = layout_figure(three_point_figure()).front();
    QVERIFY(L.x_log && !L.y_log);
    for (double x : {7e7, 2e9}) QVERIFY(L.to_px_x(x) > L.area.left && L.to_px_x(x) < L.area.right);
    for (double y : {8.0, 35.0}) QVERIFY(L.to_px_y(y) > L.area.top && L.to_px_y(y) < L.area.bottom);
    QVERIFY(L.to_px_y(35) < L.to_px_y(8));  // up is larger
    // Log axis: equal ratios are equal distances.
    QVERIFY(std::fabs((L.to_px_x(1e9) - L.to_px_x(1e8)) - (L.to_px_x(1e8) - L.to_px_x(1e7))) < 1e-9);
  }

  void logAxisTicksAreDecadesWithSiOrPowerLabels() {
    Figure f = three_point_figure();
    // (A range-for over a temporary's member would read freed memory: keep the layout.)
    const PanelLayout si = layout_figure(f).front();
    std::vector<std::string> labels;
    for (const auto& t : si.x_ticks) labels.push_back(t.label);
    QCOMPARE(labels, std::vector<std::string>({"100M", "200M", "500M", "1B", "2B"}));
    f.panels[0].x.format = TickFormat::PowerOfTen;
    f.panels[0].series[0].x = {1e6, 1e10};
    labels.clear();
    const PanelLayout powers = layout_figure(f).front();
    for (const auto& t : powers.x_ticks) labels.push_back(t.label);
    QCOMPARE(labels, std::vector<std::string>({"10^{6}", "10^{7}", "10^{8}", "10^{9}", "10^{10}"}));
  }

  // y from 8 to 35 (error bars included), padded 6 %: [6.38, 36.62]; span / 6 = 5.04 -> step 10.
  void linearAxisTicksAreRound() {
    std::vector<double> values;
    std::vector<std::string> labels;
    const PanelLayout L = layout_figure(three_point_figure()).front();
    for (const auto& t : L.y_ticks) {
      values.push_back(t.value);
      labels.push_back(t.label);
    }
    QCOMPARE(values, std::vector<double>({10, 20, 30}));
    QCOMPARE(labels, std::vector<std::string>({"10", "20", "30"}));
  }

  // Without anti-aliasing only the figure's own colours appear.
  void aliasedRasterHasOnlyPaletteColours() {
    const auto png = decode_png(figure_png(three_point_figure(false)));
    std::set<std::tuple<int, int, int>> colours;
    for (size_t i = 0; i < png.rgb.size(); i += 3) colours.insert({png.rgb[i], png.rgb[i + 1], png.rgb[i + 2]});
    QVERIFY2(colours.size() <= 6, qPrintable(QString::number(colours.size())));
    QVERIFY(colours.count({kRed.r, kRed.g, kRed.b}));
    QVERIFY(colours.count({kGreen.r, kGreen.g, kGreen.b}));
  }

  // The SVG is well-formed XML and puts one circle per data point where the PNG has it.
  void svgHasTheSameMarkers() {
    const Figure f = three_point_figure();
    const QString svg = QString::fromStdString(figure_svg(f));
    QXmlStreamReader xml(svg);
    std::vector<QPointF> circles;
    QStringList texts;
    while (!xml.atEnd()) {
      xml.readNext();
      if (xml.isStartElement() && xml.name() == QLatin1String("circle") && xml.attributes().value("class") == QLatin1String("marker"))
        circles.push_back({xml.attributes().value("cx").toDouble(), xml.attributes().value("cy").toDouble()});
      if (xml.isStartElement() && xml.name() == QLatin1String("text")) texts << xml.readElementText();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    const PanelLayout L = layout_figure(f).front();
    const Series& points = f.panels[0].series[1];
    QCOMPARE(circles.size(), points.x.size() + 1);  // + the legend's sample
    for (size_t i = 0; i < points.x.size(); ++i) {
      QVERIFY(std::fabs(circles[i].x() - L.to_px_x(points.x[i])) < 0.01);
      QVERIFY(std::fabs(circles[i].y() - L.to_px_y(points.y[i])) < 0.01);
    }
    QVERIFY(texts.contains("Scaling law"));
    QVERIFY(texts.contains("-0.4"));  // the exponent, a superscript run of its own
    QVERIFY(svg.contains("stroke-dasharray"));
  }

  void svgEscapesMarkup() {
    Figure f = three_point_figure();
    f.title = "a < b & \"c\"";
    const std::string svg = figure_svg(f);
    QVERIFY(svg.find("a &lt; b &amp; &quot;c&quot;") != std::string::npos);
  }

  void fontHasAGlyphForEveryPrintableCharacter() {
    for (int c = 33; c <= 126; ++c) {
      const uint8_t* rows = glyph_rows(static_cast<char>(c));
      int ink = 0;
      for (int r = 0; r < kGlyphRows; ++r) ink += rows[r];
      QVERIFY2(ink > 0, qPrintable(QString("glyph %1 is empty").arg(QChar(c))));
    }
    QCOMPARE(glyph_rows('\x01'), glyph_rows('?'));
    QCOMPARE(text_width_px("abc", 2), 36);
    QCOMPARE(text_width_px("R^{2}", 3), 18 + 12);
    const auto runs = split_superscripts("x^{-0.4} and ^{");
    QCOMPARE(runs.size(), std::size_t(3));
    QCOMPARE(runs[1].text, std::string("-0.4"));
    QCOMPARE(runs[2].text, std::string(" and ^{"));
  }

  void dashesCoverAboutTheOnFraction() {
    const auto dashes = dash_path({{0, 0}, {160, 0}}, 10, 6);
    QCOMPARE(dashes.size(), std::size_t(10));
    for (const auto& d : dashes) QVERIFY(std::fabs(d.back().x - d.front().x - 10) < 1e-9);
  }
};

QTEST_APPLESS_MAIN(LinePlotTest)
#include "test_line_plot.moc"
