#pragma once
// Where a run's events go: JSON lines on stdout (the worker protocol), or readable lines on
// stderr for a person at a terminal.
#include "run_context.h"

namespace owb::cli {

EventSink json_lines_to_stdout();
EventSink readable_lines_to_stderr();

}  // namespace owb::cli
