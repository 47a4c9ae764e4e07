from trustboard.governance.graph import find_cycle, reachable


def test_find_cycle_returns_none_for_a_tree():
    assert find_cycle([("locality", "executive"), ("executive", "board")]) is None


def test_find_cycle_names_each_body_round_the_loop():
    cycle = find_cycle([("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")])
    assert cycle == ["a", "b", "c", "a"]


def test_find_cycle_finds_a_body_reporting_to_itself_through_one_other():
    assert find_cycle([("x", "y"), ("y", "x")]) == ["x", "y", "x"]


def test_reachable_follows_lines_in_either_direction():
    edges = [("locality", "executive"), ("board", "executive"), ("island", "rock")]
    assert reachable("board", edges) == {"board", "executive", "locality"}
