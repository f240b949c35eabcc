"""Text -> parse tree. The grammar is data (grammar.lark); parse.py drives Lark and turns its
exceptions into diagnostics; error_examples.py holds the catalogue of friendly syntax errors."""
