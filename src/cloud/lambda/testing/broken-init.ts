// A handler fixture whose init phase throws.
throw new RangeError("config missing");
