#!/usr/bin/python3
"""Every benchmark has a quick mode that the test suite runs (ctest bench_quick_modes_registered).

A benchmark that nothing runs rots: its parser falls behind the program's output and its checks
fail unseen until someone measures again. So every script in bench/ (*.sh, and *.py with a
`__main__` entry; not the test_*.py files, which are tests, nor modules such as quick_mode.py)
must:

  - have a ctest test named bench_<script name without extension>_quick, registered in
    tests/CMakeLists.txt or bench/CMakeLists.txt, whose command runs that script with --quick;
  - name --quick in its --help.

The helpers under bench/main_job/ are run by run_main_job.sh and checked through it.
Standard library only; run it under /usr/bin/python3. Exit 1 with one line per problem.
"""
import re
import subprocess
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # --help runs must leave no __pycache__ in the source tree

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CMAKE_FILES = (REPO / "tests" / "CMakeLists.txt", BENCH / "CMakeLists.txt")


def is_script(path):
    if path.name.startswith("test_"):
        return False
    if path.suffix == ".sh":
        return True
    return path.suffix == ".py" and re.search(r"^if __name__ == ['\"]__main__['\"]:",
                                              path.read_text(encoding="utf-8"), re.M) is not None


def benchmark_scripts():
    return sorted(p for p in BENCH.iterdir() if is_script(p))


def quick_tests():
    """{test name: its add_test text} of every bench_*_quick test in the CMake files."""
    tests = {}
    for cmake in CMAKE_FILES:
        text = cmake.read_text(encoding="utf-8")
        # add_test(NAME x COMMAND ...): the arguments hold no parentheses but $<...> genexes.
        for m in re.finditer(r"add_test\(\s*NAME\s+(bench_\w+_quick)\b([^()]*)\)", text):
            tests[m.group(1)] = m.group(2)
    return tests


def help_text(script):
    command = ["/usr/bin/python3", str(script)] if script.suffix == ".py" else [str(script)]
    out = subprocess.run(command + ["--help"], capture_output=True, text=True, timeout=60)
    return out.returncode, out.stdout + out.stderr


def main():
    problems = []
    tests = quick_tests()
    scripts = benchmark_scripts()
    for script in scripts:
        name = f"bench_{script.stem}_quick"
        command = tests.get(name)
        if command is None:
            problems.append(f"bench/{script.name}: no ctest test {name} in "
                            f"{' or '.join(str(c.relative_to(REPO)) for c in CMAKE_FILES)}")
        elif (not re.search(rf"(/bench|\$\{{bench\}})/{re.escape(script.name)}\s", command)
              or "--quick" not in command):
            problems.append(f"{name}: its command does not run bench/{script.name} --quick")
        status, text = help_text(script)
        if status != 0:
            problems.append(f"bench/{script.name} --help exits {status}: {text.strip()[-200:]}")
        elif "--quick" not in text:
            problems.append(f"bench/{script.name} --help does not mention --quick")
    known = {f"bench_{s.stem}_quick" for s in scripts}
    problems += [f"{name}: no script bench/{name[6:-6]}.py or .sh" for name in sorted(tests)
                 if name not in known]
    for problem in problems:
        print(problem)
    if problems:
        return 1
    print(f"{len(scripts)} benchmark scripts, each with a registered quick test and --quick "
          f"in its --help")
    return 0


if __name__ == "__main__":
    sys.exit(main())
