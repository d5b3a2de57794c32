// The schema rules the contract is held to (SchemaLintTest runs this on graphql-schema/schema.graphql).
import graphqlPlugin from '@graphql-eslint/eslint-plugin';

export default [
  {
    files: ['**/*.graphql'],
    languageOptions: {
      parser: graphqlPlugin.parser,
      parserOptions: { graphQLConfig: { schema: 'graphql-schema/schema.graphql' } },
    },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      '@graphql-eslint/relay-connection-types': 'error',
      '@graphql-eslint/relay-edge-types': ['error', { withEdgeSuffix: true, shouldImplementNode: false, listTypeCanWrapOnlyEdgeType: false }],
      '@graphql-eslint/relay-page-info': 'error',
      '@graphql-eslint/relay-arguments': ['error', { includeBoth: false }],
      // Things with an identity carry `id: ID!`. These are values: figures, periods, pieces of
      // other objects, pages and edges, and the catalogue's entries (identified by their codes).
      '@graphql-eslint/strict-id-in-types': ['error', {
        exceptions: {
          suffixes: ['Connection', 'Edge'],
          types: ['PageInfo', 'Bucket', 'CaseIndicators', 'Count', 'StageFigure', 'DailyFigure', 'StaffScore', 'LeaderboardRow',
            'Coverage', 'CareCount', 'HouseFigures', 'UseCount', 'UnitFigures', 'KindCount', 'TagCount', 'RiskTag', 'InspectionChecklist', 'CheckItem', 'CareCategory', 'GeoPoint', 'GridPeriod', 'HouseholdPeriod', 'NearbyCase', 'CaseUpdate',
            'ImportError', 'PointsAccount', 'WebhookDelivery', 'WebhookFilter', 'CaseKind', 'CaseItem', 'StageLimit', 'TimeLimit',
            'WorkCalendar', 'WorkCalendarDay', 'WorkPeriod'],
        },
      }],
      '@graphql-eslint/naming-convention': ['error', {
        types: 'PascalCase',
        FieldDefinition: 'camelCase',
        InputValueDefinition: 'camelCase',
        EnumValueDefinition: 'UPPER_CASE',
      }],
      '@graphql-eslint/require-description': ['error', { types: true, rootField: true }],
      '@graphql-eslint/no-typename-prefix': 'error',
    },
  },
];
