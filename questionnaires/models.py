# The questionnaire on the implementation of recommendations arrives with the next step of the cycle.
