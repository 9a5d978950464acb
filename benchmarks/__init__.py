"""`python -m benchmarks`: every figure the issues name, one `name = value unit` line each.

Each module benchmarks/bench_*.py exposes `run() -> list[tuple[str, float, str]]`.
"""
