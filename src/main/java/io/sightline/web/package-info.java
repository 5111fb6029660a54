/** Server-rendered pages (Thymeleaf) and their view models. */
package io.sightline.web;
