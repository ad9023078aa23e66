/**
 * Facial landmarks: {@link io.affectstream.vision.landmarks.FaceMeshLandmarker} runs MediaPipe FaceMesh on levelled
 * face crops and returns {@link io.affectstream.vision.landmarks.FaceLandmarks}, 468 points in frame pixels with
 * named accessors for the points alignment and AU geometry use.
 */
package io.affectstream.vision.landmarks;
