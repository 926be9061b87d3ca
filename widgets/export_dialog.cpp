#include "export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace owb::widgets {

ExportDialog::ExportDialog(const QVector<ExportTarget>& targets, int current, const QString& folder, QWidget* parent)
    : QDialog(parent), targets_(targets) {
  setWindowTitle(tr("Export"));
  auto* form = new QFormLayout;
  target_box_ = new QComboBox(this);
  for (const ExportTarget& t : targets_) target_box_->addItem(t.label);
  // Unavailable targets stay listed (so the user sees what exists) but cannot be picked.
  if (auto* items = qobject_cast<QStandardItemModel*>(target_box_->model()))
    for (int i = 0; i < targets_.size(); ++i)
      if (!targets_[i].available) items->item(i)->setEnabled(false);
  form->addRow(tr("&Export:"), target_box_);

  auto* path_row = new QHBoxLayout;
  path_edit_ = new QLineEdit(this);
  auto* browse_button = new QPushButton(tr("&Browse…"), this);
  path_row->addWidget(path_edit_, 1);
  path_row->addWidget(browse_button);
  form->addRow(tr("&File:"), path_row);

  const QSettings settings;
  width_box_ = new QSpinBox(this);
  width_box_->setRange(16, 20000);
  width_box_->setSuffix(tr(" px"));
  width_box_->setValue(settings.value("export/width", 1600).toInt());
  height_box_ = new QSpinBox(this);
  height_box_->setRange(16, 20000);
  height_box_->setSuffix(tr(" px"));
  height_box_->setValue(settings.value("export/height", 1000).toInt());
  dpi_box_ = new QSpinBox(this);
  dpi_box_->setRange(24, 1200);
  dpi_box_->setValue(settings.value("export/dpi", 150).toInt());
  form->addRow(tr("&Width:"), width_box_);
  form->addRow(tr("&Height:"), height_box_);
  form->addRow(tr("&DPI:"), dpi_box_);
  hint_ = new QLabel(this);
  hint_->setWordWrap(true);
  form->addRow(hint_);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons);

  connect(browse_button, &QPushButton::clicked, this, &ExportDialog::browse);
  connect(target_box_, qOverload<int>(&QComboBox::currentIndexChanged), this, &ExportDialog::onTargetChanged);
  const QString start = folder.isEmpty() ? QDir::homePath() : folder;
  path_edit_->setText(QDir(start).filePath(targets_.value(current).default_name));
  target_box_->setCurrentIndex(std::clamp(current, 0, int(targets_.size()) - 1));
  onTargetChanged();
}

int ExportDialog::currentTarget() const { return target_box_->currentIndex(); }
QString ExportDialog::filePath() const { return path_edit_->text().trimmed(); }

ImageExportOptions ExportDialog::imageOptions() const {
  ImageExportOptions o;
  o.size_px = QSize(width_box_->value(), height_box_->value());
  o.dpi = dpi_box_->value();
  return o;
}

void ExportDialog::onTargetChanged() {
  const ExportTarget target = targets_.value(currentTarget());
  for (QWidget* w : {static_cast<QWidget*>(width_box_), static_cast<QWidget*>(height_box_), static_cast<QWidget*>(dpi_box_)})
    w->setEnabled(target.is_plot);
  hint_->setText(target.is_plot ? tr("PNG or SVG, by the file's suffix. More DPI at the same size gives larger text.")
                                : tr("CSV or JSON, by the file's suffix."));
  const QFileInfo current(filePath());
  const QString folder = current.absolutePath().isEmpty() ? QDir::homePath() : current.absolutePath();
  if (!target.default_name.isEmpty()) path_edit_->setText(QDir(folder).filePath(target.default_name));
}

void ExportDialog::browse() {
  const bool plot = targets_.value(currentTarget()).is_plot;
  const QString filter = plot ? tr("PNG image (*.png);;SVG image (*.svg)") : tr("CSV table (*.csv);;JSON (*.json)");
  const QString path = QFileDialog::getSaveFileName(this, tr("Export to"), filePath(), filter);
  if (!path.isEmpty()) path_edit_->setText(path);
}

void ExportDialog::accept() {
  const ExportTarget target = targets_.value(currentTarget());
  if (!target.save || !target.available) return;
  QString error;
  if (!target.save(filePath(), imageOptions(), &error)) {
    QMessageBox::warning(this, tr("Export failed"), error.isEmpty() ? tr("Nothing was written.") : error);
    return;
  }
  QSettings settings;
  settings.setValue("export/width", width_box_->value());
  settings.setValue("export/height", height_box_->value());
  settings.setValue("export/dpi", dpi_box_->value());
  QDialog::accept();
}

}  // namespace owb::widgets
