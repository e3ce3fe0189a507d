/**
 * Trustworthy probabilities and flags, engine-free: temperature scaling fitted on validation, the calibration
 * measures (ECE, Brier score, reliability diagram data), and operating points (a flag class and the threshold on its
 * calibrated probability, chosen on validation).
 */
package dev.tweetox.calibration;
