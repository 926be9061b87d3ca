// Models by hub id against a fake hub on 127.0.0.1 (fake_hub_server.h): the cache written in
// huggingface_hub's exact layout, no request when the cache already holds the snapshot (ours
// or one written by hand the way huggingface_hub writes it), offline mode, 401/404 messages,
// resume after a dropped connection, sha256 verification.
#include "hub_test_env.h"

#include "checkpoint.h"
#include "errors.h"
#include "model_resolver.h"
#include "sha256.h"

#include <QtTest>

#include <filesystem>

using namespace owb;
using namespace owb::test;

namespace fs = std::filesystem;

namespace {

const std::string kCommit = "0123456789abcdef0123456789abcdef01234567";
const std::string kGatedCommit = "fedcba9876543210fedcba9876543210fedcba98";

QString q(const std::string& s) { return QString::fromStdString(s); }

QString input_error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return QString::fromStdString(e.what());
  }
  return "(no InputError)";
}

// The blob name huggingface_hub gives a file: sha256 for LFS files, else the server's ETag.
std::string etag_of(const std::string& path, const std::string& bytes) {
  return FakeHubServer::is_lfs_path(path) ? hub::sha256_hex(bytes) : FakeHubServer::small_file_etag(bytes);
}

size_t count_requests(const FakeHubServer& s, const std::string& method, const std::string& path_part) {
  size_t n = 0;
  for (const auto& r : s.requests()) n += r.method == method && r.path.find(path_part) != std::string::npos;
  return n;
}

}  // namespace

class HubModelsTest : public QObject {
  Q_OBJECT

  TempDir fixture_;
  FakeModelRepo repo_;
  std::unique_ptr<FakeHubServer> server_;

  std::string shard(int i) const {
    for (const auto& [path, bytes] : repo_.files)
      if (path.find("-0000" + std::to_string(i) + "-of-") != std::string::npos) return path;
    return "";
  }

 private Q_SLOTS:
  void initTestCase() {
    const std::string dir = fixture_.file("tiny");
    OwbRun r = run_owb({"make-test-model", "--arch", "llama", "--out", q(dir), "--layers", "2", "--shards", "2",
                        "--tokenizer", QString(OWB_SOURCE_DIR) + "/tests/tokenizer/fixtures/model_dir"});
    QVERIFY2(r.exit_code == 0, qPrintable(r.err));
    repo_ = repo_from_folder("org/tiny", kCommit, dir);
    QVERIFY(repo_.files.count("model.safetensors.index.json"));
    QVERIFY(!shard(1).empty() && !shard(2).empty());
    QVERIFY(repo_.files.count("tokenizer.json"));
    server_ = std::make_unique<FakeHubServer>();
    server_->add_model(repo_);
    FakeModelRepo gated = repo_;
    gated.id = "org/gated";
    gated.commit = kGatedCommit;
    gated.required_token = "hf_test_secret_token";
    server_->add_model(gated);
  }

  void sha256MatchesFips180Vectors() {
    QCOMPARE(hub::sha256_hex(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(hub::sha256_hex("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(hub::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
             std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    QCOMPARE(hub::sha256_hex(std::string(1000000, 'a')),
             std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
  }

  // blobs named by etag, snapshot entries relative links into blobs, refs/main = the commit.
  void downloadWritesHuggingFaceHubLayout() {
    HubEnv env(*server_);
    hub::ResolvedModel m = hub::resolve_model_ex("org/tiny", {});
    const std::string folder = env.cache() + "/models--org--tiny";
    QCOMPARE(m.path, folder + "/snapshots/" + kCommit);
    QCOMPARE(m.commit, kCommit);
    QCOMPARE(read_file(folder + "/refs/main"), kCommit);  // the bare hash, as huggingface_hub writes it
    for (const auto& [path, bytes] : repo_.files) {
      const fs::path link = m.path + "/" + path;
      QVERIFY2(fs::is_symlink(link), path.c_str());
      QCOMPARE(fs::read_symlink(link).string(), "../../blobs/" + etag_of(path, bytes));
      QCOMPARE(read_file(link.string()), bytes);
    }
    for (const auto& e : fs::directory_iterator(folder + "/blobs"))
      QVERIFY2(e.path().extension() != ".incomplete", e.path().c_str());
    QCOMPARE(hub::sha256_file_hex(folder + "/blobs/" + hub::sha256_hex(repo_.files.at(shard(1)))),
             hub::sha256_hex(repo_.files.at(shard(1))));
    // Files the repo lacks are remembered the way huggingface_hub remembers them.
    QVERIFY(fs::exists(folder + "/.no_exist/" + kCommit + "/generation_config.json") ||
            repo_.files.count("generation_config.json"));
    Checkpoint checkpoint(m.path);  // the engine opens the snapshot as a model folder
    QVERIFY(m.downloaded_bytes > 0);
  }

  void progressReportsBytesUpToTheTotal() {
    HubEnv env(*server_);
    int64_t last_done = 0, total = 0;
    bool monotonic = true;
    hub::resolve_model("org/tiny", [&](const hub::DownloadProgress& p) {
      monotonic = monotonic && p.done_bytes >= last_done;
      last_done = p.done_bytes, total = p.total_bytes;
    });
    QVERIFY(monotonic);
    QVERIFY(total > 0);
    QCOMPARE(last_done, total);
  }

  void secondResolveMakesNoRequest() {
    HubEnv env(*server_);
    const std::string first = hub::resolve_model("org/tiny");
    server_->clear_requests();
    QCOMPARE(hub::resolve_model("org/tiny"), first);
    QCOMPARE(hub::resolve_model("org/tiny@" + kCommit), first);
    QCOMPARE(server_->request_count(), size_t(0));
  }

  void offlineUsesTheCacheWithoutRequests() {
    HubEnv env(*server_);
    const std::string first = hub::resolve_model("org/tiny");
    env.set("HF_HUB_OFFLINE", "1");
    server_->clear_requests();
    QCOMPARE(hub::resolve_model("org/tiny"), first);
    QCOMPARE(server_->request_count(), size_t(0));
  }

  void offlineWithoutCacheFailsNamingHfHubOffline() {
    HubEnv env(*server_);
    env.set("HF_HUB_OFFLINE", "1");
    server_->clear_requests();
    const QString message = input_error_of([] { hub::resolve_model("org/tiny"); });
    QVERIFY2(message.contains("org/tiny") && message.contains("HF_HUB_OFFLINE") && message.contains("not in the"),
             qPrintable(message));
    QCOMPARE(server_->request_count(), size_t(0));
  }

  // A cache as huggingface_hub writes it (blobs, relative links, refs/main without newline).
  void handWrittenHubCacheIsFoundWithZeroRequests() {
    HubEnv env(*server_);
    const std::string folder = env.cache() + "/models--someone--handmade";
    const std::string commit = "1111111111222222222233333333334444444444";
    fs::create_directories(folder + "/blobs");
    fs::create_directories(folder + "/snapshots/" + commit);
    fs::create_directories(folder + "/refs");
    write_file(folder + "/refs/main", commit);
    for (const auto& [path, bytes] : repo_.files) {
      const std::string etag = etag_of(path, bytes);
      write_file(folder + "/blobs/" + etag, bytes);
      fs::create_symlink("../../blobs/" + etag, folder + "/snapshots/" + commit + "/" + path);
    }
    server_->clear_requests();
    QCOMPARE(hub::resolve_model("someone/handmade"), folder + "/snapshots/" + commit);
    QCOMPARE(server_->request_count(), size_t(0));
  }

  void localFolderPassesThrough() {
    HubEnv env(*server_);
    TempDir dir;
    server_->clear_requests();
    QCOMPARE(hub::resolve_model(dir.path()), dir.path());
    QCOMPARE(server_->request_count(), size_t(0));
  }

  void gatedRepoWithoutTokenSays401AndWhatToDo() {
    HubEnv env(*server_);
    const QString message = input_error_of([] { hub::resolve_model("org/gated"); });
    QVERIFY2(message.contains("org/gated") && message.contains("401") && message.contains("gated or private") &&
                 message.contains("HF_TOKEN"),
             qPrintable(message));
    QVERIFY(!fs::exists(env.cache() + "/models--org--gated/refs/main"));
  }

  void gatedRepoDownloadsWithTheTokenFile() {
    HubEnv env(*server_);
    write_file(env.home() + "/token", "hf_test_secret_token\n");
    const std::string path = hub::resolve_model("org/gated");
    QCOMPARE(read_file(path + "/config.json"), repo_.files.at("config.json"));
  }

  void wrongTokenIsNeverPrinted() {
    HubEnv env(*server_);
    env.set("HF_TOKEN", "hf_wrong_token_value");
    const QString message = input_error_of([] { hub::resolve_model("org/gated"); });
    QVERIFY2(message.contains("401") && message.contains("a token was sent"), qPrintable(message));
    QVERIFY(!message.contains("hf_wrong_token_value"));
  }

  void missingRepoSays404() {
    HubEnv env(*server_);
    const QString message = input_error_of([] { hub::resolve_model("org/nothing-here"); });
    QVERIFY2(message.contains("org/nothing-here") && message.contains("404") && message.contains("not found"),
             qPrintable(message));
  }

  void missingRevisionSaysSo() {
    HubEnv env(*server_);
    const QString message = input_error_of([] { hub::resolve_model("org/tiny@no-such-branch"); });
    QVERIFY2(message.contains("no-such-branch") && message.contains("not found"), qPrintable(message));
  }

  // The first GET of a shard stops half-way; the client asks for the rest with Range.
  void droppedConnectionIsResumedWithRange() {
    HubEnv env(*server_);
    const std::string bytes = repo_.files.at(shard(2));
    const std::string sha = hub::sha256_hex(bytes);
    server_->drop_next_blob_get(sha);
    server_->clear_requests();
    const std::string path = hub::resolve_model("org/tiny");
    QCOMPARE(hub::sha256_file_hex(path + "/" + shard(2)), sha);
    std::vector<std::string> ranges;
    for (const auto& r : server_->requests())
      if (r.path == "/cdn-lfs/" + sha) ranges.push_back(r.headers.count("range") ? r.headers.at("range") : "");
    QCOMPARE(ranges.size(), size_t(2));
    QCOMPARE(ranges[0], std::string());
    QCOMPARE(ranges[1], "bytes=" + std::to_string(bytes.size() / 2) + "-");
  }

  void sha256MismatchIsAnErrorAndLeavesNoBlob() {
    HubEnv env(*server_);
    const std::string sha = hub::sha256_hex(repo_.files.at(shard(1)));
    FakeHubServer corrupt;
    corrupt.add_model(repo_);
    corrupt.corrupt_blob(sha);
    env.set("HF_ENDPOINT", corrupt.url());
    const QString message = input_error_of([] { hub::resolve_model("org/tiny"); });
    QVERIFY2(message.contains("sha256") && message.contains(q(shard(1))), qPrintable(message));
    const std::string folder = env.cache() + "/models--org--tiny";
    QVERIFY(!fs::exists(folder + "/blobs/" + sha));
    QVERIFY(!fs::exists(folder + "/blobs/" + sha + ".incomplete"));
    QVERIFY(!fs::exists(folder + "/snapshots/" + kCommit + "/" + shard(1)));
    QVERIFY(!fs::exists(folder + "/refs/main"));
  }

  // An .incomplete blob left by an earlier run is continued, not restarted.
  void leftoverIncompleteBlobIsResumed() {
    HubEnv env(*server_);
    const std::string bytes = repo_.files.at(shard(1));
    const std::string sha = hub::sha256_hex(bytes);
    const std::string folder = env.cache() + "/models--org--tiny";
    fs::create_directories(folder + "/blobs");
    write_file(folder + "/blobs/" + sha + ".incomplete", bytes.substr(0, 1000));
    server_->clear_requests();
    const std::string path = hub::resolve_model("org/tiny");
    QCOMPARE(read_file(path + "/" + shard(1)), bytes);
    bool resumed = false;
    for (const auto& r : server_->requests())
      resumed = resumed || (r.path == "/cdn-lfs/" + sha && r.headers.count("range") && r.headers.at("range") == "bytes=1000-");
    QVERIFY(resumed);
  }

  void notAnIdNorAFolderIsAnError() {
    HubEnv env(*server_);
    const QString message = input_error_of([] { hub::resolve_model("/no/such/model/folder"); });
    QVERIFY2(message.contains("/no/such/model/folder") && message.contains("no such model folder"), qPrintable(message));
  }
};

QTEST_GUILESS_MAIN(HubModelsTest)
#include "test_hub_models.moc"
