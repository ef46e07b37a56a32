from evidence_review.cli import main

main(prog_name="evidence-review")
