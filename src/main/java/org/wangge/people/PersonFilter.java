package org.wangge.people;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("PersonFilter")
@Description("Filters for resident searches; all given conditions must hold")
public class PersonFilter {
    @Id
    @Description("Only residents of households in this grid's subtree")
    public String gridId;
    public ResidenceType residenceType;
    @Description("Only residents with an active care case in this category (code)")
    public String careCategory;
    public Integer minAge;
    public Integer maxAge;
    public String namePrefix;
}
