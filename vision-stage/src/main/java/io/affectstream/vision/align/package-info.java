/**
 * Face alignment: {@link io.affectstream.vision.align.FaceAligner} maps five landmark points onto a frontal
 * template by a least-squares {@link io.affectstream.vision.align.Similarity} and writes 96 x 96 NCHW crops in
 * [-1, 1]; {@link io.affectstream.vision.align.RgbFrame} resamples a frame's pixels through such transforms.
 */
package io.affectstream.vision.align;
