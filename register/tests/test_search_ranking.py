"""register.search.engine.Ranking: the first rows of a ranking are those of a full sort (pure numpy)."""

import numpy as np
import pytest

from register.search.engine import Ranking


def full_order(ranking: Ranking) -> list[int]:
    if ranking.distance_sort:
        keys = (ranking.ids, ranking.names, -ranking.scores, ranking.km)
    else:
        keys = (ranking.ids, ranking.names, ranking.km, -ranking.scores)
    return list(np.lexsort(keys))


def random_ranking(seed: int, size: int, distance_sort: bool, with_origin: bool) -> Ranking:
    rng = np.random.default_rng(seed)
    ids = np.sort(rng.choice(100_000, size, replace=False)).astype(np.int64)
    scores = rng.choice([0.0, 1.0, 21.0, 101.0, 121.0], size)  # many ties, as filters give
    km = rng.choice([3.5, 7.25, 12.0, np.inf], size) if with_origin else np.full(size, np.inf)
    names = rng.permutation(size).astype(np.int64)
    return Ranking(ids, scores, km, np.full(size, -1, dtype=np.int64), names, distance_sort)


@pytest.mark.parametrize("distance_sort", [False, True])
@pytest.mark.parametrize("with_origin", [False, True])
@pytest.mark.parametrize("count", [1, 10, 30, 499, 500, 800])
def test_the_first_rows_are_those_of_the_whole_order(distance_sort, with_origin, count):
    for seed in range(5):
        ranking = random_ranking(seed, 500, distance_sort, with_origin)
        assert list(ranking.first(count)) == full_order(ranking)[:count]


def test_a_page_in_the_middle_has_the_rows_of_the_whole_order():
    ranking = random_ranking(1, 300, distance_sort=False, with_origin=True)
    expected = [int(ranking.ids[i]) for i in full_order(ranking)[20:30]]
    assert [row[0] for row in ranking.rows(20, 30)] == expected


def test_an_empty_ranking_has_no_rows():
    ranking = random_ranking(0, 0, distance_sort=False, with_origin=False)
    assert ranking.rows(0, 10) == [] and len(ranking) == 0
