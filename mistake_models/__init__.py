"""Mistake models: functions computing a learner's mistaken answer (`matches:`, `example:`) or recognising
one (`when:`), named by the exercises' `mistakes:` lists. The reference answers stay in reference/."""
