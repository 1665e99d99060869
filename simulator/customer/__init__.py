"""The customer: their agenda of concerns and what they answer and say (`listener`),
picking and rendering lines (`lines`), and the case file the trainee reads (`casefile`)."""
