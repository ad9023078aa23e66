/**
 * Facial expression classification of detected faces, behind {@link io.affectstream.vision.expression.ExpressionClassifier}:
 * {@link io.affectstream.vision.expression.MiniXceptionClassifier} (mini-Xception, FER2013's 7 classes),
 * {@link io.affectstream.vision.expression.FaceApiExpressionClassifier} (face-api's FaceExpressionNet) and
 * {@link io.affectstream.vision.expression.ExpressionEnsemble} (their weighted average), all mapped to the project's
 * canonical class order.
 */
package io.affectstream.vision.expression;
