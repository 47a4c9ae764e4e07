"""The demo's Children, Young People and Families Plan 2011-14.

The seed (2013 report, paragraphs 3, 5, 11, 12 and 16-18) gives the plan's name, period,
approval and refresh, its seven priorities (whose titles it does not list: the ones here
follow the priorities the 2015 review names in paragraphs 32 and 34 and the strategies the
2013 report lists, and are illustrative) and the initiatives that became its key actions.
Every action is "either on schedule or completed" at 30 September 2012 (paragraph 18).
"""

import datetime

TITLE = "Children, Young People and Families Plan 2011-14"
SLUG = "cypf-2011-14"
STARTS_ON = datetime.date(2011, 4, 1)
ENDS_ON = datetime.date(2014, 3, 31)
APPROVED_BY = "Nottinghamshire County Council"
APPROVED_ON = datetime.date(2011, 9, 22)
REFRESH = ("2012-13 Annual Refresh", "Children and Young People's Committee",
           datetime.date(2012, 9, 10))
AS_AT = datetime.date(2012, 9, 30)

# number, title, accountable body (in scenario "current"), key actions:
# (reference, title, lead person, lead organisation, due, status at 30 September 2012)
PRIORITIES = [
    (1, "Work together to keep children and young people safe", "Children's Trust Executive", [
        ("1.1", "Establish Nottinghamshire's Multi-agency Safeguarding Hub (MASH)",
         "Deputy Director (placeholder)", "Nottinghamshire County Council",
         datetime.date(2013, 3, 31), "on schedule"),
        ("1.2", "Transform the County Council's Children's Social Care provision",
         "Deputy Director (placeholder)", "Nottinghamshire County Council",
         datetime.date(2014, 3, 31), "on schedule"),
        ("1.3", "Prepare partners for the revised Ofsted framework for the inspection of "
         "arrangements for the protection of children", "Deputy Director (placeholder)",
         "Nottinghamshire County Council", datetime.date(2013, 6, 30), "on schedule"),
    ]),
    (2, "Provide children, young people and families with early help",
     "Children's Trust Executive", [
        ("2.1", "Launch the Pathway to Provision with stakeholder conferences across the county",
         "Group Manager Early Help (placeholder)", "Nottinghamshire County Council",
         datetime.date(2012, 11, 30), "completed"),
        ("2.2", "Implement the Early Intervention and Prevention Strategy",
         "Group Manager Early Help (placeholder)", "Nottinghamshire County Council",
         datetime.date(2014, 3, 31), "on schedule"),
        ("2.3", "Plan the Enhanced Family Support model for children pre-birth to 12 in Broxtowe",
         "Group Manager Early Help (placeholder)", "Nottinghamshire County Council",
         datetime.date(2013, 3, 31), "on schedule"),
    ]),
    (3, "Improve the health of children and young people",
     "Nottinghamshire Health and Wellbeing Board", [
        ("3.1", "Develop a multi-agency Autistic Spectrum Pathway",
         "Health provider (placeholder)", "Nottinghamshire Healthcare NHS Trust",
         datetime.date(2013, 9, 30), "on schedule"),
        ("3.2", "Extend the Healthy Schools Network", "Associate Director Public Health "
         "(placeholder)", "Nottinghamshire County Council", datetime.date(2013, 7, 31),
         "on schedule"),
        ("3.3", "Implement the Child and Adolescent Mental Health Service (CAMHS) Strategy",
         "Commissioning manager CAMHS (placeholder)", "NHS Nottinghamshire County",
         datetime.date(2014, 3, 31), "on schedule"),
    ]),
    (4, "Close the gaps in educational achievement", "Children's Trust Executive", [
        ("4.1", "Support the Closing the Educational Gaps Strategy across partners",
         "Service Director Education (placeholder)", "Nottinghamshire County Council",
         datetime.date(2014, 3, 31), "on schedule"),
        ("4.2", "Support the Closing the Gap initiative in Newark town",
         "Service Director Education (placeholder)", "Nottinghamshire County Council",
         datetime.date(2013, 3, 31), "on schedule"),
    ]),
    (5, "Reduce child and family poverty", "Children's Trust Executive", [
        ("5.1", "Approve and implement the Child and Family Poverty Strategy",
         "Corporate Director (placeholder)", "Nottinghamshire County Council",
         datetime.date(2012, 3, 31), "completed"),
    ]),
    (6, "Prepare young people for adulthood, learning and work", "Children's Trust Executive", [
        ("6.1", "Approve Nottinghamshire's Youth Homelessness Strategy",
         "District council representative (placeholder)",
         "District and borough councils of Nottinghamshire", datetime.date(2012, 9, 30),
         "completed"),
        ("6.2", "Reduce the number of young people not in education, employment or training "
         "through the 14-19 Partnership", "Group Manager Adolescence (placeholder)",
         "Nottinghamshire County Council", datetime.date(2014, 3, 31), "on schedule"),
    ]),
    (7, "Improve outcomes for children in care and children with disabilities",
     "Children's Trust Executive", [
        ("7.1", "Approve Nottinghamshire's Looked After Children Strategy",
         "Deputy Director (placeholder)", "Nottinghamshire County Council",
         datetime.date(2012, 9, 30), "completed"),
        ("7.2", "Implement the Joint Commissioning Strategy for Children and Young People with "
         "Disabilities and/or Special Educational Needs",
         "Commissioning manager disability (placeholder)", "Nottinghamshire County Council",
         datetime.date(2014, 3, 31), "on schedule"),
    ]),
]
