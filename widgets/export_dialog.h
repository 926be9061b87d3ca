#pragma once
// File > Export…: what to export (the plots and tables of the window), the file, and for
// plots the pixel size and DPI. The format follows the file's suffix: .png / .svg for plots,
// .csv / .json for tables.
#include "export_image.h"

#include <QDialog>
#include <QVector>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace owb::widgets {

struct ExportTarget {
  QString label;         // "Heatmap", "Comparison table"
  bool is_plot = false;  // plots: PNG/SVG with size and DPI; tables: CSV/JSON
  QString default_name;  // file name without folder, e.g. "heatmap.png"
  bool available = true; // false: listed but disabled (e.g. no run shown)
  std::function<bool(const QString& path, const ImageExportOptions& options, QString* error)> save;
};

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  ExportDialog(const QVector<ExportTarget>& targets, int current, const QString& folder, QWidget* parent = nullptr);

  int currentTarget() const;
  QString filePath() const;
  ImageExportOptions imageOptions() const;
  // Runs the chosen target's save; on failure shows the error and keeps the dialog open.
  void accept() override;

 private:
  void onTargetChanged();
  void browse();

  QVector<ExportTarget> targets_;
  QComboBox* target_box_ = nullptr;
  QLineEdit* path_edit_ = nullptr;
  QSpinBox* width_box_ = nullptr;
  QSpinBox* height_box_ = nullptr;
  QSpinBox* dpi_box_ = nullptr;
  QLabel* hint_ = nullptr;
};

}  // namespace owb::widgets
