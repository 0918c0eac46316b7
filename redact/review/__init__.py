"""Review: sample a run's report, let people judge the sampled records in a browser or a terminal,
and turn their verdicts into a residual-PII rate with a confidence interval.

    sheet.py       draw a review and write index.html and sheet.jsonl (what `redact review sample` calls)
    population.py  the written records of a run, joined from its report and output
    sample.py      uniform, stratified and risk-weighted samples with their inclusion probabilities
    page.py        the self-contained review page (charts.py, assets.py)
    tty.py         the same records in a terminal
    stats.py       weighted leak and over-redaction rates, Wilson intervals, the sign-off verdict
"""
