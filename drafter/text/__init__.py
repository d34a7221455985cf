"""The text toolkit every layer reads text with: words, stems, sentences, asks, language, sentiment.

It knows no drafting, retrieval or grading: those layers sit above it and share its one reading of text.
"""
