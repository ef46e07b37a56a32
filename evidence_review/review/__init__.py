"""Review: reviewer decisions on proposals (interactive or from a decisions file), recorded in
the store, and what is confirmed for scoring.

Public surface: :mod:`review.service` (``locate``, ``ensure_screened``, ``review_state``,
``plan_decisions``, ``apply_decisions``, ``accept_confident``, ``score_inputs``),
:mod:`review.decisions_file` (``load_decisions``), :mod:`review.interactive` (``Session``).
"""
