"""The demo's earlier six-monthly report, issued, so the next one has sections to carry forward.

The report as at 31 March 2012 (for the Committee's meeting of July 2012) is illustrative:
the seed papers do not include it. Its officer-written sections quote the January 2013
report (seed 002) word for word, paragraphs 5, 7-8, 10-11 and 14-15, so that the demo's
report as at 30 September 2012 carries them forward and reads, paragraph by paragraph, as
that report does, its summary being paragraph 18.
"""

import datetime

from django.contrib.auth import get_user_model

from trustboard.plans.models import Plan
from trustboard.reports.services import report_draft_create, report_edit, report_issue

AS_AT = datetime.date(2012, 3, 31)
MEETING_DATE = datetime.date(2012, 7, 9)  # illustrative: a Committee meeting in July 2012
COMMITTEE = "Children and Young People's Committee"
REPORT_OF = "Corporate Director for Children, Families and Cultural Services"
CONTACT = "Maggie Pape\nTeam Manager, Planning and Performance"
TITLE = "Officer group report: Nottinghamshire Children's Trust (illustrative)"
ILLUSTRATIVE = ("Illustrative: this earlier report is not one of the seed papers. Its "
                "officer-written sections quote the report to the Children and Young People's "
                "Committee of 14 January 2013, so that the demonstration's next report carries "
                "them forward.")

#: Paragraph 5.
STRATEGIES = (
    "During 2011 and 2012, the Children's Trust has given its partnership approval to a "
    "number of key strategies that relate to priorities in the CYPF Plan, including "
    "Nottinghamshire's Early Intervention and Prevention Strategy, Joint Commissioning "
    "Strategy for Children and Young People with Disabilities and/or Special Educational "
    "Needs, Child and Family Poverty Strategy, and Child and Adolescent Mental Health Service "
    "(CAMHS) Strategy.")

#: Paragraphs 7 and 8.
REMIT = (
    "Over recent months, the Children's Trust Executive has been considering its role and "
    "remit, especially its relationship to the Nottinghamshire Health and Wellbeing Board. "
    "Following this work, the Children's Trust is now in the process of agreeing and "
    "implementing changes to its focus and membership, to enable it to become the lead "
    "integrated commissioning group for health and wellbeing services for children and "
    "families.\n\n"
    "The proposed changes to the Children's Trust have been agreed by Nottinghamshire's Health "
    "and Wellbeing Board in November 2012, and will be the subject of a separate report to the "
    "Children and Young People's Committee, which will include recommendations on the format "
    "and timing of future updates to this Committee.")

#: Paragraphs 10 and 11.
ACTIVITIES = (
    "Over the last few months, the Children's Trust Executive has provided partnership "
    "oversight of a number of key initiatives, offering support and challenge to those "
    "leading on these, and considering the role of partner organisations. These initiatives "
    "have been in work areas that contribute to the achievement of the priorities for action "
    "defined in Nottinghamshire's Children, Young People and Families Plan 2011-14.\n\n"
    "Between April and November 2012, key initiatives supported by the Children's Trust "
    "were:\n"
    "- Nottinghamshire's Multi-agency Safeguarding Hub (MASH)\n"
    "- transformation of the County Council's Children's Social Care provision\n"
    "- Nottinghamshire's Pathway to Provision: as well as including this development as a "
    "regular discussion item, the Children's Trust supported Stakeholder Conferences across "
    "Nottinghamshire, during October and November. These launched this initiative, alongside "
    "the MASH, to managers and practitioners from a wide range of organisations\n"
    "- a partnership approach to preparing for the revised Ofsted inspection framework for "
    "the inspection of local authority arrangements for the protection of children\n"
    "- work on a Multi-agency Autistic Spectrum Pathway.\n"
    "- The Healthy Schools Network.")

#: Paragraphs 14 and 15.
LOCALITIES = (
    "In summary, the work of Locality Management Groups has included:\n"
    "- increasing partner engagement in districts and building stronger partnerships. "
    "Locality Management Groups have provided an opportunity for partners to improve "
    "communication and develop a shared understanding of key service developments, including "
    "the Pathway to Provision, the MASH and the role of the County Council's Early Years and "
    "Early Intervention and Targeted Youth Support services\n"
    "- improving coordination of services at district level and creating joint working "
    "opportunities\n"
    "- undertaking preparatory activities for commissioning local services, including "
    "identifying service gaps and supporting Joint Access Teams in tracking work with "
    "children, young people and families which will enable practitioners to report on any "
    "service gaps identified through this work\n"
    "- consulting with children, young people and families, and working to identify further "
    "opportunities for local consultation.\n\n"
    "Some specific examples of effective locality working include:\n"
    "- Broxtowe Locality Management Group has established a group to plan the implementation "
    "of the Enhanced Family Support model for children pre-birth to 12\n"
    "- Locality Management Groups in Broxtowe and Ashfield have organised events to enable "
    "partners to develop knowledge of each others' services\n"
    "- support has been provided for the Closing the Gap initiative in Newark town\n"
    "- Bassetlaw Locality Management Group has retained effective working with the Local "
    "Strategic Partnership in Bassetlaw and has facilitated the use of Young People's Centres "
    "by Children's Social Care for contact visits\n"
    "- Mansfield Locality Management Group is establishing links with the Clinical "
    "Commissioning Groups in Mansfield\n"
    "- Rushcliffe Locality Management Group has consulted with young people through the Young "
    "People's Scrutiny Panel.")

OFFICER_SECTIONS = {"strategies": STRATEGIES, "remit": REMIT, "activities": ACTIVITIES,
                    "localities": LOCALITIES}


def reports_demo_load(*, plan_slug: str = "cypf-2011-14") -> None:
    """Write and issue the report as at 31 March 2012 through the reports' services.

    Its files are written when first downloaded: the demo loads without drawing a PDF.
    """
    by = get_user_model().objects.get(username="officer")
    report = report_draft_create(
        by=by, files=False, kind="performance", plan=Plan.objects.get(slug=plan_slug),
        as_at=AS_AT, committee=COMMITTEE, meeting_date=MEETING_DATE, report_of=REPORT_OF,
        contact=CONTACT, title=TITLE, officer_sections=OFFICER_SECTIONS)
    background = next(one["text"] for one in report.sections if one["key"] == "background")
    report_edit(report=report, by=by, sections={"background": f"{background}\n\n{ILLUSTRATIVE}"})
    report_issue(report=report, by=by, files=False)
