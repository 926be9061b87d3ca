#pragma once
// The detection iterations of one `owb superweights` analysis (the seed's detection_iterations.png):
// per layer, the largest |down_proj input| (solid) and |down_proj output| (dashed) of each pass,
// stars on the super weights each pass found, and the spike threshold as a horizontal line.
// Log y axis: the spikes are orders of magnitude above the rest.
#include "super_weight_results.h"

#include <QWidget>

#include <optional>

class QCustomPlot;
class QCPTextElement;
class QLabel;

namespace owb::widgets {

class SuperWeightDetectionPlot : public QWidget {
  Q_OBJECT
 public:
  explicit SuperWeightDetectionPlot(QWidget* parent = nullptr);

  // nullptr: an empty plot with `message`.
  void setAnalysis(const owb::models::SuperWeightAnalysis* analysis, const QString& message = QString());
  // The super weight whose stars are drawn larger: the pass that found it and its layer.
  void setHighlighted(int iteration, int layer);
  QCustomPlot* plot() const { return plot_; }
  // Star markers drawn (one per found super weight, input and output); for tests.
  int starCount() const { return star_count_; }

 private:
  void rebuild();

  QCustomPlot* plot_ = nullptr;
  QCPTextElement* title_ = nullptr;
  QLabel* message_ = nullptr;
  std::optional<owb::models::SuperWeightAnalysis> analysis_;
  int highlighted_iteration_ = -1;
  int highlighted_layer_ = -1;
  int star_count_ = 0;
};

}  // namespace owb::widgets
