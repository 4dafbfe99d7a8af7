// OpenStore: which backend a URL names, and the errors of a URL or a file that cannot be
// a store. Backend-independent behaviour is in the parametrized suites.
#include "store/open_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace wuzha::store {
namespace {

namespace fs = std::filesystem;

class OpenStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("wuzha_open_store_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(OpenStoreTest, SqliteUrlsAndBarePathsOpenTheEmbeddedStore) {
  auto a = OpenStore("sqlite:" + (dir_ / "a.db").string());
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  EXPECT_EQ((*a)->backend(), "sqlite");
  auto b = OpenStore((dir_ / "b.db").string());
  ASSERT_TRUE(b.ok()) << b.error().ToString();
  EXPECT_EQ((*b)->backend(), "sqlite");
  EXPECT_TRUE(fs::exists(dir_ / "a.db"));
  EXPECT_TRUE(fs::exists(dir_ / "b.db"));
}

TEST_F(OpenStoreTest, RefusesEmptyAndUnknownUrls) {
  EXPECT_EQ(OpenStore("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenStore("sqlite:").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenStore("mysql://root@localhost/wuzha").status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(OpenStore("postgresql://[::1/wuzha").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(OpenStoreTest, AnUnreachablePostgresIsUnavailable) {
  // Port 1 on loopback: nothing listens there, the connection is refused at once.
  auto s = OpenStore("postgresql://wuzha@127.0.0.1:1/wuzha?connect_timeout=2");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), StatusCode::kUnavailable) << s.error().ToString();
}

TEST_F(OpenStoreTest, AFileThatIsNotADatabaseIsDataLoss) {
  std::ofstream(dir_ / "junk.db") << std::string(8192, 'x');
  auto s = OpenStore("sqlite:" + (dir_ / "junk.db").string());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), StatusCode::kDataLoss) << s.error().ToString();
}

TEST_F(OpenStoreTest, AMissingDirectoryIsAnIoError) {
  auto s = OpenStore("sqlite:" + (dir_ / "no" / "such" / "dir.db").string());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), StatusCode::kIoError) << s.error().ToString();
}

TEST_F(OpenStoreTest, SqliteDatabasesAreInWalMode) {
  std::string path = (dir_ / "wal.db").string();
  auto s = OpenStore("sqlite:" + path);
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  Status w = (*s)->Write([](Transaction& tx) {
    return tx.AddOrgUnit({0, 0, UnitKind::kCity, "市局", "", 0}).status();
  });
  ASSERT_TRUE(w.ok()) << w.ToString();
  EXPECT_TRUE(fs::exists(path + "-wal"));
  std::ifstream in(path, std::ios::binary);
  char header[20] = {};
  in.read(header, sizeof header);
  // Bytes 18 and 19 of the header are the read and write versions: 2 means WAL.
  EXPECT_EQ(header[18], 2);
  EXPECT_EQ(header[19], 2);
}

}  // namespace
}  // namespace wuzha::store
