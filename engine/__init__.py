"""Comity: rules-as-code for international cooperation in asset tracing and corruption cases.

Pipeline (each stage owns its data type; data flows one way):

    text ──syntax/parse──> parse tree ──model/from_tree──> model (ast) ──check/──> checked RuleBase
         ──compile/from_model──> Datalog IR ──evaluate/{pydatalog_backend,reference}──> answers
         ──assess/──> Assessment ──explain/, report/──> explanation, reports
"""
