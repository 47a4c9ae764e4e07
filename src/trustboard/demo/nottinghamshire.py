"""Nottinghamshire's Children's Trust as the seed papers describe it.

"current" is the structure of the January 2013 officer group report (seed 002): the
Children's Trust Executive, its three integrated commissioning groups, seven locality
management groups, reporting to the Health and Wellbeing Board. "proposed 2015" is the
option of the 2015 review (seed 000, Diagram 1): a board meeting three times a year and
two executives meeting five times a year, with North, Central and South locality groups.

Organisations and bodies are the seeds' own; people are placeholders named by their post.
Meeting lengths and the frequencies the seeds do not give are illustrative.
"""

from decimal import Decimal

ORGANISATIONS = [
    # name, short name, sector, s.10 relevant partner, Working Together 2023 safeguarding partner
    ("Nottinghamshire County Council", "NCC", "local authority", True, True),
    ("NHS Nottinghamshire County", "PCT", "nhs", True, True),
    ("NHS Bassetlaw", "Bassetlaw PCT", "nhs", True, False),
    ("Nottinghamshire Healthcare NHS Trust", "Healthcare Trust", "nhs", False, False),
    ("Nottinghamshire Police", "Police", "police", True, True),
    ("Nottinghamshire Probation Trust", "Probation", "probation", True, False),
    ("Nottinghamshire Youth Justice Service", "YJS", "youth justice", True, False),
    ("Jobcentre Plus", "JCP", "employment", True, False),
    ("Nottinghamshire schools", "Schools", "education", False, False),
    ("Nottinghamshire Community and Voluntary Sector", "CVS", "voluntary", False, False),
    ("District and borough councils of Nottinghamshire", "Districts", "housing", False, False),
    ("Nottinghamshire Safeguarding Children Board (independent chair)", "NSCB", "other", False,
     False),
]

# name, job title, organisation, tier, elected member
PEOPLE = [
    ("Corporate Director (placeholder)",
     "Corporate Director, Children, Families and Cultural Services",
     "Nottinghamshire County Council", 1, False),
    ("Lead Member for Children (placeholder)",
     "Chair of the Children and Young People's Committee", "Nottinghamshire County Council",
     None, True),
    ("Deputy Director (placeholder)", "Service Director, Children's Social Care",
     "Nottinghamshire County Council", 2, False),
    ("Service Director Education (placeholder)", "Service Director, Education Standards",
     "Nottinghamshire County Council", 2, False),
    ("Group Manager Early Help (placeholder)",
     "Group Manager, Childhood and Early Help Locality Services",
     "Nottinghamshire County Council", 3, False),
    ("Group Manager Adolescence (placeholder)",
     "Group Manager, Adolescence and Early Help Locality Services",
     "Nottinghamshire County Council", 3, False),
    ("Team Manager Planning (placeholder)", "Team Manager, Planning and Performance",
     "Nottinghamshire County Council", 4, False),
    ("Associate Director Public Health (placeholder)", "Associate Director for Public Health",
     "Nottinghamshire County Council", 2, False),
    ("NHS commissioner, county (placeholder)", "Director of Commissioning",
     "NHS Nottinghamshire County", 2, False),
    ("NHS commissioner, Bassetlaw (placeholder)", "Head of Children's Commissioning",
     "NHS Bassetlaw", 3, False),
    ("Health provider (placeholder)", "Director of Children's Services",
     "Nottinghamshire Healthcare NHS Trust", 2, False),
    ("Police superintendent (placeholder)", "Superintendent, Public Protection",
     "Nottinghamshire Police", 3, False),
    ("Probation manager (placeholder)", "Assistant Chief Officer",
     "Nottinghamshire Probation Trust", 3, False),
    ("Youth justice manager (placeholder)", "Head of Youth Justice",
     "Nottinghamshire Youth Justice Service", 3, False),
    ("Voluntary sector representative (placeholder)", "Chief Executive, CVS",
     "Nottinghamshire Community and Voluntary Sector", 2, False),
    ("Headteacher representative (placeholder)", "Headteacher, secondary academy",
     "Nottinghamshire schools", 3, False),
    ("District council representative (placeholder)", "Director of Housing",
     "District and borough councils of Nottinghamshire", 2, False),
    ("NSCB independent chair (placeholder)", "Independent Chair, NSCB",
     "Nottinghamshire Safeguarding Children Board (independent chair)", None, False),
    ("Commissioning manager disability (placeholder)", "Commissioning Manager, Disabled Children",
     "Nottinghamshire County Council", 4, False),
    ("Commissioning manager CAMHS (placeholder)", "Commissioning Manager, CAMHS",
     "NHS Nottinghamshire County", 4, False),
    ("Teenage pregnancy coordinator (placeholder)", "Teenage Pregnancy Coordinator",
     "Nottinghamshire County Council", 4, False),
]

DISTRICTS = ["Ashfield", "Bassetlaw", "Broxtowe", "Gedling", "Mansfield", "Newark and Sherwood",
             "Rushcliffe"]
PROPOSED_LOCALITIES = {
    "North": ["Bassetlaw", "Mansfield", "Ashfield", "Newark and Sherwood"],
    "Central": ["Gedling"],
    "South": ["Broxtowe", "Rushcliffe"],
}

# Posts that sit on every locality group, from paragraph 14 of the 2013 report.
LOCALITY_POSTS = [
    ("chair", "Locality manager, Early Years and Early Intervention",
     "Nottinghamshire County Council", 4),
    ("member", "Targeted youth support manager", "Nottinghamshire County Council", 4),
    ("member", "District council community officer",
     "District and borough councils of Nottinghamshire", 4),
    ("member", "Neighbourhood inspector", "Nottinghamshire Police", 4),
    ("member", "Health visiting team leader", "Nottinghamshire Healthcare NHS Trust", 5),
    ("member", "Primary headteacher", "Nottinghamshire schools", 4),
    ("member", "Children's centre manager", "Nottinghamshire County Council", 5),
    ("member", "Voluntary sector locality lead", "Nottinghamshire Community and Voluntary Sector",
     4),
]

EXECUTIVE_2013 = {
    "name": "Children's Trust Executive",
    "kind": "executive group",
    "is_partnership_board": True,
    "purpose": "An officer group which coordinates the work of the Children's Trust, agreeing "
               "partnership action to implement the strategic priorities identified in the CYPF "
               "Plan.",  # 2013 report, paragraph 4
    "responsibilities": [
        "Coordinate the work of the Children's Trust",
        "Agree partnership action to implement the strategic priorities of the CYPF Plan",
        "Give partnership approval to key strategies that relate to priorities in the CYPF Plan",
        "Oversee the integrated commissioning groups",
        "Keep the children and young people's chapter of the Joint Strategic Needs Assessment "
        "updated and maintained",
        "Receive reports on the progress of Locality Management Groups",
        "Receive six-monthly progress reports on the seven priorities of the CYPF Plan",
    ],
    "meetings_per_year": 10, "meeting_hours": Decimal("2.5"), "quorum": 6,
    "members": [
        ("Corporate Director (placeholder)", "chair", ["Nottinghamshire County Council"]),
        ("Deputy Director (placeholder)", "member", []),
        ("Service Director Education (placeholder)", "member", []),
        ("Associate Director Public Health (placeholder)", "member", []),
        ("NHS commissioner, county (placeholder)", "vice-chair",
         ["NHS Nottinghamshire County"]),
        ("NHS commissioner, Bassetlaw (placeholder)", "member", ["NHS Bassetlaw"]),
        ("Health provider (placeholder)", "member", []),
        ("Police superintendent (placeholder)", "member", []),
        ("Probation manager (placeholder)", "member", []),
        ("Youth justice manager (placeholder)", "member", []),
        ("Voluntary sector representative (placeholder)", "member", []),
        ("Headteacher representative (placeholder)", "member", []),
        ("District council representative (placeholder)", "member", []),
        ("Group Manager Early Help (placeholder)", "member", []),
        ("Team Manager Planning (placeholder)", "invited", []),
        ("NSCB independent chair (placeholder)", "participant observer", []),
    ],
}

COMMISSIONING_GROUPS_2013 = [
    ("Disability and SEN Integrated Commissioning Group",
     "Commissioning for children and young people with disabilities or special educational "
     "needs.",
     "Commissioning manager disability (placeholder)",
     ["Joint Commissioning Strategy for Children and Young People with Disabilities and/or "
      "Special Educational Needs"]),
    ("CAMHS Integrated Commissioning Group",
     "Commissioning of Child and Adolescent Mental Health Services.",
     "Commissioning manager CAMHS (placeholder)",
     ["Child and Adolescent Mental Health Service (CAMHS) Strategy"]),
    ("Teenage Pregnancy Integrated Commissioning Group",
     "Commissioning to reduce teenage conceptions and support young parents.",
     "Teenage pregnancy coordinator (placeholder)",
     ["Teenage pregnancy commissioning plan"]),
]

BOARD_2015 = {
    "name": "Children's Trust Board",
    "kind": "trust board",
    "is_partnership_board": True,
    "purpose": "Responsible for the overall strategic direction of children and young people's "
               "services in Nottinghamshire.",  # 2015 review, paragraph 26
    "responsibilities": [
        "The Children, Young People and Families Plan",
        "The partnership's participation strategy",
        "The partnership's workforce development activities",
        "The communication with partners and the workforce",
    ],
    "meetings_per_year": 3, "meeting_hours": Decimal("2.5"), "quorum": 5,
    "members": [
        ("Lead Member for Children (placeholder)", "chair", ["Nottinghamshire County Council"]),
        ("Corporate Director (placeholder)", "vice-chair", ["Nottinghamshire County Council"]),
        ("Associate Director Public Health (placeholder)", "member", []),
        ("NHS commissioner, county (placeholder)", "member",
         ["NHS Nottinghamshire County", "NHS Bassetlaw"]),
        ("Police superintendent (placeholder)", "member", ["Nottinghamshire Police"]),
        ("Probation manager (placeholder)", "member",
         ["Nottinghamshire Probation Trust", "Nottinghamshire Youth Justice Service"]),
        ("Voluntary sector representative (placeholder)", "member", []),
        ("Headteacher representative (placeholder)", "member", []),
        ("District council representative (placeholder)", "member", []),
        ("NSCB independent chair (placeholder)", "participant observer", []),
    ],
}

HELP_AND_PROTECTION_2015 = {
    "name": "Help and Protection Executive",
    "kind": "executive group",
    "purpose": "To ensure the effective delivery of high quality, multi-agency help and "
               "protection arrangements.",  # 2015 review, paragraph 32
    "responsibilities": [
        "Identify delivery priorities for partnership activity required to improve help and "
        "protection arrangements",
        "Commission or establish cross-partnership working groups to deliver such activity",
        "Monitor the progress and impact of its improvement plan",
        "Monitor risks and issues and ensure appropriate mitigation",
        "Provide a mechanism to ensure service improvement through the coherence of multi-agency "
        "delivery",
        "Respond to recommendations made by the Nottinghamshire Safeguarding Children Board",
        "Champion the needs of children and young people",
        "Scrutinise directly delivered and commissioned services",
    ],
    "meetings_per_year": 5, "meeting_hours": Decimal("2"), "quorum": 5,
    "members": [
        ("Deputy Director (placeholder)", "chair", []),
        ("Police superintendent (placeholder)", "member", []),
        ("Health provider (placeholder)", "member", []),
        ("Youth justice manager (placeholder)", "member", []),
        ("Group Manager Early Help (placeholder)", "member", []),
        ("Group Manager Adolescence (placeholder)", "member", []),
        ("Headteacher representative (placeholder)", "member", []),
        ("Voluntary sector representative (placeholder)", "member", []),
    ],
}

HEALTH_AND_WELLBEING_EXECUTIVE_2015 = {
    "name": "Health and Wellbeing Executive",
    "kind": "executive group",
    "purpose": "Accountable for the improvement of health outcomes through the integrated "
               "commissioning of children's health services.",  # 2015 review, paragraph 34
    "responsibilities": [
        "Improve health outcomes through the integrated commissioning of children's health "
        "services",
        "Develop and monitor an improvement plan",
        "Champion the needs of children and young people",
        "Scrutinise directly delivered and commissioned services",
        "Keep the children and young people's chapter of the Joint Strategic Needs Assessment "
        "updated and maintained",
    ],
    "meetings_per_year": 5, "meeting_hours": Decimal("2"), "quorum": 4,
    "members": [
        ("Associate Director Public Health (placeholder)", "chair", []),
        ("NHS commissioner, county (placeholder)", "member", []),
        ("NHS commissioner, Bassetlaw (placeholder)", "member", []),
        ("Health provider (placeholder)", "member", []),
        ("Commissioning manager disability (placeholder)", "member", []),
        ("Commissioning manager CAMHS (placeholder)", "member", []),
        ("Teenage pregnancy coordinator (placeholder)", "member", []),
    ],
}

HEALTH_AND_WELLBEING_BOARD = {
    "name": "Nottinghamshire Health and Wellbeing Board",
    "kind": "health and wellbeing board",
    "purpose": "The statutory board for the Joint Strategic Needs Assessment and the Health and "
               "Wellbeing Strategy.",
    "responsibilities": ["Approve the Joint Health and Wellbeing Strategy",
                         "Approve topics for the Joint Strategic Needs Assessment"],
    # Only the partnership's own people on it are recorded, so its hours are not known.
    "is_membership_partial": True,
    "meetings_per_year": 10, "meeting_hours": Decimal("2.5"),
    "members": [("Lead Member for Children (placeholder)", "member", [])],
}

SAFEGUARDING_BOARD = {
    "name": "Nottinghamshire Safeguarding Children Board",
    "kind": "safeguarding board",
    "purpose": "To co-ordinate local work to safeguard and promote the welfare of children and "
               "to ensure the effectiveness of that work.",
    "responsibilities": ["Co-ordinate local work to safeguard and promote the welfare of "
                         "children", "Publish an annual report on the effectiveness of "
                         "safeguarding"],
    # Only the partnership's own people on it are recorded, so its hours are not known.
    "is_membership_partial": True,
    "meetings_per_year": 6, "meeting_hours": Decimal("3"),
    "members": [("NSCB independent chair (placeholder)", "chair", []),
                ("Deputy Director (placeholder)", "member", []),
                ("Police superintendent (placeholder)", "member", [])],
}

COMMITTEE = {
    "name": "Children and Young People's Committee",
    "kind": "council executive",
    "purpose": "The County Council's committee for children and young people, which receives "
               "updates on the activities of the Children's Trust.",
    "responsibilities": ["Approve the annual refresh of the CYPF Plan"],
    # Only the partnership's own people on it are recorded, so its hours are not known.
    "is_membership_partial": True,
    "meetings_per_year": 11, "meeting_hours": Decimal("2"),
    "members": [("Lead Member for Children (placeholder)", "chair", [])],
}
