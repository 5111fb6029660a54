/** The OpenAPI document of the JSON API ({@code /v3/api-docs}) and its Swagger UI. */
package io.sightline.api.docs;
