#include "job_runner.h"

namespace owb::jobs {

JobRunner::~JobRunner() = default;

void JobRunner::dispatch(const WorkerEvent& e) {
  using K = WorkerEvent::Kind;
  switch (e.kind) {
    case K::Started: emit started(e.run); break;
    case K::Progress: emit progress(e.stage, e.done, e.total, e.eta_s); break;
    case K::LayerStats: emit layerStats(e.layer_stats); break;
    case K::Log: emit log(e.level, e.msg); break;
    case K::Artifact: emit artifact(e.path); break;
    case K::Result: emit result(e.raw); break;
    case K::Finished:
      // Reported when the worker has exited, so "finished" means nothing of it runs any more.
      finished_event_seen_ = true;
      finished_status_ = e.status;
      finished_error_ = e.error;
      break;
    case K::Unknown: break;  // newer workers may send more; the protocol says ignore
  }
}

}  // namespace owb::jobs
