throw new Error("the config exploded");
