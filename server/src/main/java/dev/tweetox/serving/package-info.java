/**
 * {@code tweetox serve}: a small Javalin REST server and web page in front of a {@link dev.tweetox.predict.Predictor}.
 *
 * <p>{@link dev.tweetox.serving.PredictionServer} wires the routes; {@link dev.tweetox.serving.InferenceQueue} is the
 * bounded queue (with micro-batching) between the HTTP threads and the model, so overload turns into 503 instead
 * of memory growth; {@link dev.tweetox.serving.PredictRequest} validates request bodies. The {@code bench} subpackage
 * measures the server under load with wrk.
 */
package dev.tweetox.serving;
