"""Dated legal facts as data, each with its source: read by rules through an ``as_of`` date.

Modules: one per body of facts (EEA membership, adequacy decisions, transfer mechanisms,
statutes with retention duties, public-holiday calendars). Nothing here reads the clock.
"""
