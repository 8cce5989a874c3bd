"""The pure clinical core: content, conditions, rules, flow, regions, scenarios, governance.

No web, no rendering: nothing here imports Starlette, Jinja2 or widget.web.
"""
