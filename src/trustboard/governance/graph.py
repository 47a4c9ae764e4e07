"""Pure graph questions about a structure: cycles and reach. No Django here."""

from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


def find_cycle(edges: Iterable[tuple[T, T]]) -> list[T] | None:
    """A cycle in a directed graph as [a, b, ..., a], or None; order of nodes is stable."""
    successors: dict[T, list[T]] = defaultdict(list)
    nodes: list[T] = []
    for source, target in edges:
        successors[source].append(target)
        for node in (source, target):
            if node not in successors:
                successors[node] = []
            if node not in nodes:
                nodes.append(node)
    state: dict[T, int] = {}  # 1 = on the current path, 2 = finished
    for start in nodes:
        if start in state:
            continue
        path: list[T] = [start]
        state[start] = 1
        stack = [iter(successors[start])]
        while stack:
            following = next(stack[-1], None)
            if following is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(following) == 1:
                return [*path[path.index(following):], following]
            elif following not in state:
                state[following] = 1
                path.append(following)
                stack.append(iter(successors[following]))
    return None


def reachable(start: T, edges: Iterable[tuple[T, T]]) -> set[T]:
    """Every node joined to `start` by edges in either direction, `start` included."""
    neighbours: dict[T, set[T]] = defaultdict(set)
    for source, target in edges:
        neighbours[source].add(target)
        neighbours[target].add(source)
    seen = {start}
    frontier = [start]
    while frontier:
        node = frontier.pop()
        for following in neighbours[node] - seen:
            seen.add(following)
            frontier.append(following)
    return seen
