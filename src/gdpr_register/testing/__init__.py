"""Test support for users of the library: hypothesis strategies and the storage contract suite.

Importing these modules needs the optional ``hypothesis`` extra; the core package never does.
"""
