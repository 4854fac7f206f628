package com.streambazaar.common.rest;

import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.std.ReferenceTypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.ReferenceType;
import com.fasterxml.jackson.databind.type.TypeBindings;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.type.TypeModifier;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.lang.reflect.Type;

/**
 * Lets request records declare partial-update fields as {@link Patch}: a property left out of the JSON becomes
 * {@link Patch#absent()}, an explicit {@code null} {@code Patch.of(null)}, and a value {@code Patch.of(value)} read
 * with the field's own type (so wrong types are refused like any other field). Patch is a reference type to Jackson,
 * as {@code Optional} is.
 */
@Singleton
public class PatchJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("bazaar-patch") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addTypeModifier(new PatchType());
                context.addDeserializers(new PatchDeserializers());
            }
        };
        mapper.registerModule(module);
    }

    private static final class PatchType extends TypeModifier {
        @Override
        public JavaType modifyType(JavaType type, Type jdkType, TypeBindings bindings, TypeFactory typeFactory) {
            if (type.isReferenceType() || type.isContainerType() || type.getRawClass() != Patch.class) {
                return type;
            }
            return ReferenceType.upgradeFrom(type, type.containedTypeOrUnknown(0));
        }
    }

    private static final class PatchDeserializers extends Deserializers.Base {
        @Override
        public JsonDeserializer<?> findReferenceDeserializer(ReferenceType refType, DeserializationConfig config,
                                                             BeanDescription beanDesc, TypeDeserializer typeDeserializer,
                                                             JsonDeserializer<?> contentDeserializer) {
            return refType.hasRawClass(Patch.class)
                    ? new PatchDeserializer(refType, null, typeDeserializer, contentDeserializer) : null;
        }
    }

    private static final class PatchDeserializer extends ReferenceTypeDeserializer<Patch<?>> {

        PatchDeserializer(JavaType fullType, ValueInstantiator instantiator, TypeDeserializer typeDeserializer,
                          JsonDeserializer<?> deserializer) {
            super(fullType, instantiator, typeDeserializer, deserializer);
        }

        @Override
        protected PatchDeserializer withResolved(TypeDeserializer typeDeserializer, JsonDeserializer<?> deserializer) {
            return new PatchDeserializer(_fullType, _valueInstantiator, typeDeserializer, deserializer);
        }

        @Override
        public Patch<?> getNullValue(DeserializationContext context) {
            return Patch.of(null);
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return Patch.absent();
        }

        @Override
        public Object getEmptyValue(DeserializationContext context) {
            return Patch.absent();
        }

        @Override
        public Patch<?> referenceValue(Object contents) {
            return Patch.of(contents);
        }

        @Override
        public Object getReferenced(Patch<?> reference) {
            return reference.value();
        }

        @Override
        public Patch<?> updateReference(Patch<?> reference, Object contents) {
            return Patch.of(contents);
        }
    }
}
