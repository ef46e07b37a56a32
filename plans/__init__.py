"""Plans: activity tables of progress reports (criteria 3-4) and action-plan completeness.

Public surface: :func:`plans.activities.extract_activities` and
:func:`plans.completeness.check_plan` (import the modules by name; this package imports
nothing heavy).
"""
