"""Certification: plans (`plan`), sitting them in batch or at a terminal (`runner`),
and the results' formats (`signing`, `junit`, `xapi`). No Qt here: the PDF is printed by
`ui.export`, imported lazily by the `temper certify` command.
"""
