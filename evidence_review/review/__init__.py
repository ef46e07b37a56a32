"""Review: reviewer decisions on proposals, recorded in the store, and what is confirmed for
scoring. No terminal code here (the interactive review is ``cli.interactive``).

Public surface: :mod:`review.state` (``review_state``, ``score_inputs``, ``plan_findings``),
:mod:`review.decisions` (``plan_decisions``, ``apply_decisions``, ``accept_confident``),
:mod:`review.decisions_file` (``load_decisions``, ``ReviewError``).
"""
