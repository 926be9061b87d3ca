#pragma once
// A job config from the command line: an optional CONFIG.json, then flags that override it
// (flags named after the config keys: --magnitude-threshold, --num-sequences, ...).
#include "args.h"
#include "job_config.h"

namespace owb::cli {

extern const char* kJobFlagsHelp;

// Reads the positional CONFIG.json (if any) and every job flag. Bad flag values: UsageError.
JobConfig job_config_from_args(Args& args);

}  // namespace owb::cli
