"""Benchmark rendering to .docx against stock docxtpl, measured in the same run.

For the larger example (示例市 2024) and the bundled 2021 template, prints milliseconds per report
and the ratio for:

* stock docxtpl, as its documentation shows it: ``DocxTemplate(path).render(context); save()``
  (with the same sandboxed, autoescaping environment, so both do the same Jinja work);
* the compiled template: the same context through :class:`CompiledTemplate.render`, which
  patches and compiles once and writes the zip directly (target: at least 10× faster);
* ``render(report)`` end to end (building the context included);
* a batch of files rendered across processes with :func:`render_files`, in reports per second.

Run: ``.venv/bin/python benchmarks/bench_render.py``
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _timing import per_second

import govinfo_report as gr
from govinfo_report.render import build_context, default_template_path, get_template, render
from govinfo_report.render import render_files as render_batch
from govinfo_report.render._engine import new_env

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "city-2024.yaml"


def per_call(func: Callable[[], object], seconds: float = 1.5) -> float:
    """Seconds per call of ``func``, best of three runs."""
    return 1 / per_second(func, seconds)


def main() -> None:
    """Run the benchmark and print the figures."""
    from docxtpl import DocxTemplate

    report = gr.load(EXAMPLE)
    path = default_template_path(report.format_version)
    context = build_context(report)
    compiled = get_template(None, report.format_version)

    def stock() -> None:
        template = DocxTemplate(str(path))
        template.render(context, jinja_env=new_env(), autoescape=True)
        template.save(io.BytesIO())

    baseline = per_call(stock, 4.0)
    ours = per_call(lambda: compiled.render(context))
    whole = per_call(lambda: render(report))
    print(f"stock docxtpl (fresh DocxTemplate, render, save): {baseline * 1000:8.2f} ms/report")
    print(f"compiled template (same context):                 {ours * 1000:8.2f} ms/report")
    print(f"  ratio (stock / compiled):                       {baseline / ours:8.1f}x")
    print(f"render(report) end to end (context included):     {whole * 1000:8.2f} ms/report")
    print(f"  ratio (stock / end to end):                     {baseline / whole:8.1f}x")

    count = 1000
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        sources = []
        for i in range(count):
            target = folder / f"report-{i:03}.yaml"
            shutil.copyfile(EXAMPLE, target)
            sources.append(target)
        out = folder / "out"
        out.mkdir()
        for jobs in sorted({1, workers}):
            start = time.perf_counter()
            results = list(render_batch(sources, out, workers=jobs))
            elapsed = time.perf_counter() - start
            assert all(r.ok for r in results), [r.error for r in results if not r.ok][:1]
            print(
                f"batch of {count} files (load + render + write), {jobs} process(es): "
                f"{count / elapsed:8.0f} reports/s"
            )


if __name__ == "__main__":
    main()
