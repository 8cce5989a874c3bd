"""Bleeding in Pregnancy Check: an embeddable step-by-step questionnaire."""

__version__ = "0.1.0"
