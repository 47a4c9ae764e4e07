"""Reading a tagged PDF's structure in tests: what a screen reader would be given."""

import pikepdf


def structure_elements(pdf: pikepdf.Pdf) -> list[tuple[str, int | None, str | None]]:
    """The structure elements in reading order: (standard type, page index, alternative
    text), a type of the producer's own given as the standard one its role map names."""
    pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
    roles = pdf.Root.StructTreeRoot.get("/RoleMap", {})
    found = []

    def walk(element):
        if not isinstance(element, pikepdf.Dictionary):
            return
        if "/S" in element:
            page = element.get("/Pg")
            found.append((str(roles.get(element.S, element.S)),
                          pages.get(page.objgen) if page is not None else None,
                          str(element.Alt) if "/Alt" in element else None))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found


def pages_find_their_elements(pdf: pikepdf.Pdf) -> bool:
    """Whether each page's entry in the parent tree lists elements drawn on that page."""
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    tree = {int(nums[index]): nums[index + 1] for index in range(0, len(nums), 2)}
    return all(
        all(element.Pg.objgen == page.obj.objgen for element in tree[int(page.obj.StructParents)])
        for page in pdf.pages if "/StructParents" in page.obj)


def ends_with_pagination_artifact(page: pikepdf.Page) -> bool:
    """Whether the page's drawing ends with a pagination artifact (a stamped page number)."""
    operations = pikepdf.parse_content_stream(page)
    opened = [index for index, (_operands, operator) in enumerate(operations)
              if operator == pikepdf.Operator("BDC")]
    if not opened or operations[-1][1] != pikepdf.Operator("EMC"):
        return False
    tag, properties = operations[opened[-1]][0]
    return tag == pikepdf.Name.Artifact and properties.get("/Type") == pikepdf.Name.Pagination
