"""What every benchmark's --quick mode ends with (bench/README.md, "Quick modes: benchmarks the
test suite runs"). A module, not a benchmark: the scripts beside it import it."""


def verdict(problems, ok_message):
    """Prints one line per problem, or the ok line when there is none; True if there is none.
    One line each because ctest shows the end of a failed test's output."""
    for problem in problems:
        print(f"quick check FAILED: {problem}")
    if not problems:
        print(f"quick check ok: {ok_message}")
    return not problems
