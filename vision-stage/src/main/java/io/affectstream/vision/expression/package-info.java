/**
 * Facial expression classification of detected faces: {@link io.affectstream.vision.expression.MiniXceptionClassifier}
 * (mini-Xception, FER2013's 7 classes, mapped to the project's canonical order).
 */
package io.affectstream.vision.expression;
