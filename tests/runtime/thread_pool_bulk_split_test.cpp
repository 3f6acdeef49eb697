// How parallel_for/map cut a range (detail::BulkJob): fixed pieces when the
// caller gives a chunk size, guided pieces otherwise: large first, shrinking
// towards the floor, covering the range exactly once.
#include "parlint/detail/pool_bulk.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <utility>
#include <vector>

namespace {

using parlint::detail::BulkJob;
using parlint::detail::BulkSplit;
using Piece = std::pair<std::size_t, std::size_t>;

// Runs the job on this thread alone and returns its pieces in claim order.
std::vector<Piece> pieces_of(BulkSplit split) {
  std::vector<Piece> pieces;
  BulkJob job(split, [](void* out, std::size_t begin, std::size_t end) {
    static_cast<std::vector<Piece>*>(out)->emplace_back(begin, end);
  }, &pieces);
  job.work();
  EXPECT_TRUE(job.finished());
  return pieces;
}

void expect_covers(const std::vector<Piece>& pieces, std::size_t count) {
  std::size_t next = 0;
  for (const auto& [begin, end] : pieces) {
    ASSERT_EQ(begin, next);
    ASSERT_LT(begin, end);
    next = end;
  }
  EXPECT_EQ(next, count);
}

TEST(BulkSplit, FixedPiecesHaveTheGivenSize) {
  const auto pieces = pieces_of({100, 33, 0});
  expect_covers(pieces, 100);
  ASSERT_EQ(pieces.size(), 4u);
  EXPECT_EQ(pieces[0], Piece(0, 33));
  EXPECT_EQ(pieces[3], Piece(99, 100));
}

TEST(BulkSplit, GuidedPiecesShrinkToTheFloor) {
  constexpr std::size_t kCount = 1000000;
  constexpr std::size_t kFloor = kCount / 512;
  const auto pieces = pieces_of({kCount, kFloor, 4});
  expect_covers(pieces, kCount);
  EXPECT_EQ(pieces.front().second, kCount / 4) << "the first piece is the rest over the divisor";
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    const std::size_t size = pieces[i].second - pieces[i].first;
    EXPECT_LE(size, pieces[i - 1].second - pieces[i - 1].first) << "piece " << i;
    if (i + 1 < pieces.size()) EXPECT_GE(size, kFloor) << "piece " << i;
  }
  EXPECT_LT(pieces.size(), 40u) << "claims stay few";
  EXPECT_LE(pieces.back().second - pieces.back().first, kFloor);
}

TEST(BulkSplit, GuidedPiecesOfATinyRangeAreSingleElements) {
  const auto pieces = pieces_of({5, 1, 4});
  expect_covers(pieces, 5);
  EXPECT_EQ(pieces.size(), 5u);
}

}  // namespace
