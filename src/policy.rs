//! Team and personal policy files. (Being built.)
