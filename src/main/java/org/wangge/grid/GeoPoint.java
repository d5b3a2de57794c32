package org.wangge.grid;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A WGS-84 point")
public class GeoPoint {
    @NonNull
    public Double lat;
    @NonNull
    public Double lng;

    public GeoPoint() {
    }

    public GeoPoint(double lat, double lng) {
        this.lat = lat;
        this.lng = lng;
    }
}
