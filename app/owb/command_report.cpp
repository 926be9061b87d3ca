// owb report DIR...: the seeds' comparison table (generate_comparison_plots.py --terminal and
// generate_perplexity_plots.py --terminal) over every run folder found under DIR.
#include "args.h"
#include "commands.h"

#include "comparison_report.h"

#include <iostream>

namespace owb::cli {

namespace {
const char* kUsage =
    "usage: owb report DIR... [--format table|csv|json]\n"
    "One row per outlier run under the folders (final_analysis_results.json, ours or the seed\n"
    "tooling's): model, total/active parameters (billions), the seed's metrics over\n"
    "all_systematic_outliers (num_outliers, mean/median layer %, mean/median seq %), our exact\n"
    "unique systematic dims, and the perplexity of the same model (perplexity_results.json).";
}

int run_report(const CommandArgs& argv) {
  Args args(argv, kUsage);
  if (args.help_requested()) {
    std::cout << kUsage << "\n";
    return 0;
  }
  std::string format = args.value("--format").value_or("table");
  std::vector<std::string> dirs = args.rest_positionals();
  args.finish();
  if (dirs.empty()) throw UsageError("give at least one folder");
  if (format != "table" && format != "csv" && format != "json") throw UsageError("--format must be table, csv or json");
  std::vector<ComparisonRow> rows = collect_comparison_rows(dirs);
  if (format == "table") std::cout << comparison_table(rows);
  if (format == "csv") std::cout << comparison_csv(rows);
  if (format == "json") std::cout << comparison_json(rows).dump(2) << "\n";
  return 0;
}

}  // namespace owb::cli
