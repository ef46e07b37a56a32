"""Classifiers: tokenization, phrase matching, document structure, proposals and roles."""
