"""Every rule Branch Desk checks, one module per area, keyed by the ``RuleId`` catalogue.

- ``ids``: the stable rule ids and areas; ``catalogue``: what each rule is, where it comes
  from, its settings and the function that checks it; ``settings``: the rule settings with
  their defaults; ``doc``: writes docs/rules.md from the catalogue.
- Areas: ``frequency`` and ``meetings`` (组织生活, 会议记录), ``votes``, ``structure``,
  ``study``, ``dues``, ``development`` (+ ``development_admission``, ``development_steps``),
  ``archive``.

Every module here is pure: records in, findings out; no Qt, no SQLAlchemy.
"""
