"""What other apps may hear of a report.

`report_issued` is sent inside the issuing transaction, after the report is frozen, with
`report` and `by`: a board review's recommendations land in the register (reviews) then,
and a receiver's refusal undoes the issue.
"""

from django.dispatch import Signal

report_issued = Signal()
